package org.clinic.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

/**
 * Mints real RS256 access tokens with the test key pair ({@code testing/test-*.pem}), whose
 * public half the services under test verify with: nothing about verification is mocked.
 */
public final class TestTokens {

    public static final String ISSUER = "clinic-platform";
    /** The RFC 7638 thumbprint of the test key, as the gateway names its keys. */
    public static final String KEY_ID = thumbprint("testing/test-public.pem");

    private TestTokens() {}

    public static String clinicUser(long clinicId, long userId, String role) {
        return claims(clinicId, userId, role).jws().keyId(KEY_ID).sign(key("testing/test-private.pem"));
    }

    /** A valid token that expires {@code seconds} from now. */
    public static String clinicUserExpiringIn(long clinicId, long userId, String role, long seconds) {
        return claims(clinicId, userId, role)
                .expiresAt(Instant.now().plusSeconds(seconds))
                .jws()
                .keyId(KEY_ID)
                .sign(key("testing/test-private.pem"));
    }

    /** A clinic user's token as the gateway mints it for its outbox relay: with RFC 8693's {@code act} claim. */
    public static String onBehalfOf(long clinicId, long userId, String role) {
        return claims(clinicId, userId, role)
                .claim("act", java.util.Map.of("sub", "gateway"))
                .jws()
                .keyId(KEY_ID)
                .sign(key("testing/test-private.pem"));
    }

    /** A clinic user's token as the gateway mints it for an export's calls: {@code act} and {@code purpose: export}. */
    public static String forExportOf(long clinicId, long userId, String role) {
        return claims(clinicId, userId, role)
                .claim("act", java.util.Map.of("sub", "gateway"))
                .claim("purpose", "export")
                .jws()
                .keyId(KEY_ID)
                .sign(key("testing/test-private.pem"));
    }

    public static String superuser(long userId) {
        return claims(null, userId, "superuser").sign(key("testing/test-private.pem"));
    }

    /** The same claims signed with a key nobody trusts. */
    public static String signedByOtherKey(long clinicId, long userId, String role) {
        return claims(clinicId, userId, role).sign(key("testing/other-private.pem"));
    }

    /** A token whose {@code exp} passed {@code seconds} ago (well inside a parser's usual clock skew of 60 s). */
    public static String expiredSecondsAgo(long clinicId, long userId, String role, long seconds) {
        Instant exp = Instant.now().minusSeconds(seconds);
        return claims(clinicId, userId, role)
                .issuedAt(exp.minusSeconds(3600))
                .expiresAt(exp)
                .jws()
                .keyId(KEY_ID)
                .sign(key("testing/test-private.pem"));
    }

    public static String expired(long clinicId, long userId, String role) {
        Instant past = Instant.now().minusSeconds(7200);
        return claims(clinicId, userId, role)
                .issuedAt(past)
                .expiresAt(past.plusSeconds(3600))
                .sign(key("testing/test-private.pem"));
    }

    /** An unsigned token ({@code alg: none}) carrying otherwise valid claims. */
    public static String unsigned(long clinicId, long userId, String role) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"u" + userId
                + "\",\"groups\":[\"" + role + "\"],\"role\":\"" + role + "\",\"clinic_id\":" + clinicId
                + ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        return header + "." + payload + ".";
    }

    /** HS256 "signed" with the bytes of the public key: the classic algorithm-confusion attack. */
    public static String hmacWithPublicKey(long clinicId, long userId, String role) {
        byte[] publicPem = resource("testing/test-public.pem");
        return claims(clinicId, userId, role)
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .sign(new javax.crypto.spec.SecretKeySpec(publicPem, "HmacSHA256"));
    }

    public static JwtClaimsBuilder claims(Long clinicId, long userId, String role) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .subject(String.valueOf(userId))
                .upn("user" + userId)
                .groups(java.util.Set.of(role))
                .claim("role", role)
                .claim("name", "Test User " + userId)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600));
        if (clinicId != null) {
            builder.claim("clinic_id", clinicId).claim("clinic_name", "Clinic " + clinicId);
        }
        return builder;
    }

    private static PrivateKey key(String location) {
        try {
            return KeyUtils.decodePrivateKey(new String(resource(location), StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + location, e);
        }
    }

    private static byte[] resource(String location) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String thumbprint(String publicKeyLocation) {
        try {
            java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey)
                    KeyUtils.decodePublicKey(new String(resource(publicKeyLocation), StandardCharsets.US_ASCII));
            String json = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                    + unsigned(key.getModulus()) + "\"}";
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + publicKeyLocation, e);
        }
    }

    private static String unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
