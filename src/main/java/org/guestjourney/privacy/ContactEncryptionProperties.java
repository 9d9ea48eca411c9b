package org.guestjourney.privacy;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for guest contact data at rest ({@code guest-journey.privacy.encryption.*}); secrets, so
 * from the environment only ({@code GUESTJOURNEY_PRIVACY_ENCRYPTION_KEYS}, {@code
 * GUESTJOURNEY_PRIVACY_ENCRYPTION_INDEXKEY}).
 *
 * @param keys {@code <id>:<base64 of 32 random bytes>}, comma-separated; the first encrypts new
 *     values, every one decrypts (to rotate, put a new key first and keep the old ones until the
 *     start-up re-encryption has run). Default: none.
 * @param indexKey base64 of at least 32 random bytes for the blind indexes that find a guest by
 *     e-mail or phone; never changes (a new one would need every index recomputed). Default: none.
 * @param allowGeneratedKey without keys the embedded default (no {@code spring.datasource.url})
 *     generates keys into {@link #generatedKeyFile}; with an external database the app refuses to
 *     start unless this is true (default false)
 * @param generatedKeyFile where generated keys are kept (default: beside the embedded database's
 *     data directory, {@code .data/postgres.keys})
 * @param reencryptBatchSize rows rewritten per transaction when values of an older key are
 *     re-encrypted with the current one at start (default 500)
 */
@ConfigurationProperties("guest-journey.privacy.encryption")
public record ContactEncryptionProperties(
    @DefaultValue List<String> keys,
    String indexKey,
    @DefaultValue("false") boolean allowGeneratedKey,
    @DefaultValue(".data/postgres.keys") Path generatedKeyFile,
    @DefaultValue("500") int reencryptBatchSize) {}
