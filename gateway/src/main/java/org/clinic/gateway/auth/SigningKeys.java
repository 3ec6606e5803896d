package org.clinic.gateway.auth;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.Json;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.clinic.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * The gateway's RS256 signing key and the JWKS that publishes its public half (plus any
 * retired keys still being honoured). Without a configured key one is generated at start,
 * with a warning: tokens then do not survive a restart and replicas do not share them.
 */
@Singleton
@Startup
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final String keyId;
    private final String jwks;
    private final String issuer;

    public SigningKeys(GatewayConfig config) {
        GatewayConfig.Jwt jwt = config.jwt();
        this.issuer = jwt.issuer();
        try {
            RSAPrivateCrtKey key = loadOrGenerate(jwt);
            RSAPublicKey publicKey = publicOf(key);
            this.privateKey = key;
            // the kid is always the RFC 7638 thumbprint, so a retired key keeps its kid in the JWKS
            this.keyId = thumbprint(publicKey);
            List<Map<String, String>> keys = new ArrayList<>();
            keys.add(jwk(publicKey, keyId));
            for (String location : jwt.previousPublicKeyLocations().orElse(List.of())) {
                RSAPublicKey previous = (RSAPublicKey) KeyUtils.decodePublicKey(readPem(location));
                keys.add(jwk(previous, thumbprint(previous)));
            }
            this.jwks = Json.encode(Map.of("keys", keys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the token signing key: " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    public String issuer() {
        return issuer;
    }

    /** The JSON Web Key Set served at /.well-known/jwks.json. */
    public String jwks() {
        return jwks;
    }

    /** The gateway verifies its own tokens against its own JWKS, never a shared secret. */
    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    JWTAuthContextInfo verification() {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setIssuedBy(issuer);
        info.setPublicKeyContent(jwks);
        info.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256));
        info.setGroupsPath("groups");
        return info;
    }

    private static RSAPrivateCrtKey loadOrGenerate(GatewayConfig.Jwt jwt) throws Exception {
        if (jwt.privateKey().isPresent() && !jwt.privateKey().get().isBlank()) {
            return (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(jwt.privateKey().get());
        }
        if (jwt.privateKeyLocation().isPresent()
                && !jwt.privateKeyLocation().get().isBlank()) {
            return (RSAPrivateCrtKey)
                    KeyUtils.decodePrivateKey(readPem(jwt.privateKeyLocation().get()));
        }
        LOG.warn("No token signing key is configured (CLINIC_JWT_PRIVATE_KEY_LOCATION or CLINIC_JWT_PRIVATE_KEY): "
                + "a key was generated for this process only; tokens will not survive a restart and other "
                + "replicas will not accept them.");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    /** A file path (a mounted Kubernetes secret) or, failing that, a classpath resource. */
    static String readPem(String location) throws IOException {
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IOException("no key file or classpath resource at " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) throws Exception {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static Map<String, String> jwk(RSAPublicKey key, String kid) {
        return Map.of(
                "kty",
                "RSA",
                "use",
                "sig",
                "alg",
                "RS256",
                "kid",
                kid,
                "n",
                b64(key.getModulus()),
                "e",
                b64(key.getPublicExponent()));
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order. */
    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + b64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + b64(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
