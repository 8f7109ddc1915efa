package io.recurportal.customer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A billing email change that waits for the new address to confirm it. Until then every
 * lookup by email still finds the customer by the old address.
 *
 * @param customerId the customer whose email changes
 * @param accountId the host account that asked, for the audit trail
 * @param userId the user who asked, if known
 * @param email the new address, in {@link io.recurportal.billing.EmailAddresses normal form}
 * @param configurationId the portal configuration the change was asked from, for the
 * confirmation page's branding
 * @param locale the language of the page it was asked from, as a language tag
 * @param createdAt when it was asked
 * @param expiresAt when the confirmation link stops working
 */
public record PendingEmailChange(String customerId, String accountId, @Nullable String userId, String email,
		String configurationId, @Nullable String locale, Instant createdAt, Instant expiresAt) {

	/**
	 * Whether the link may still be opened.
	 * @param now the time
	 * @return {@code true} before it expires
	 */
	public boolean isActive(Instant now) {
		return now.isBefore(this.expiresAt);
	}

}
