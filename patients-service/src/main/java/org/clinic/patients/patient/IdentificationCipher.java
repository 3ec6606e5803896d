package org.clinic.patients.patient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.clinic.common.ops.InvalidSetting;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts identification numbers (Aadhaar, passport…) with AES-256-GCM before they reach the
 * database, so a dump or a backup does not show them. The API only ever reads them back masked,
 * so the service keeps the length and the last four characters beside the ciphertext and never
 * needs to decrypt on a read path.
 */
@io.quarkus.runtime.Startup // a bad key stops the start, not the first patient with an identification number
@jakarta.inject.Singleton
public class IdentificationCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public IdentificationCipher(@ConfigProperty(name = "clinic.phi.key") String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new InvalidSetting(
                    "clinic.phi.key", "must be 32 random bytes, base64-encoded (head -c 32 /dev/urandom | base64)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] encrypt(String clear) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** For support tooling and tests; no API path reads an identification number in clear. */
    public String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /** All but the last four characters as {@code *} (API.md §3). */
    public static String mask(Integer length, String last4) {
        if (length == null || last4 == null) {
            return null;
        }
        return "*".repeat(Math.max(0, length - last4.length())) + last4;
    }
}
