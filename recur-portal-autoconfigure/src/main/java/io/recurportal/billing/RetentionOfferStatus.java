package io.recurportal.billing;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How far a subscription's retention offer went, kept on the provider (Stripe: the
 * subscription's {@code recur_retention_offer} metadata) so it is offered once.
 */
public enum RetentionOfferStatus {

	/** Shown to the customer, who has not answered yet. */
	OFFERED,

	/** Accepted: the discount was applied and the subscription kept. */
	ACCEPTED,

	/** Declined by cancelling. */
	DECLINED;

	/** The metadata key on the provider's subscription. */
	public static final String METADATA_KEY = "recur_retention_offer";

	/**
	 * The value in the metadata.
	 * @return {@code accepted} for example
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status a metadata value names.
	 * @param value the value, or {@code null}
	 * @return the status, or {@code null} for none or an unknown value
	 */
	public static @Nullable RetentionOfferStatus fromValue(@Nullable String value) {
		for (RetentionOfferStatus status : values()) {
			if (status.value().equals(value)) {
				return status;
			}
		}
		return null;
	}

	/**
	 * Whether the offer was answered, so it is not made again.
	 * @return {@code true} when accepted or declined
	 */
	public boolean isAnswered() {
		return this != OFFERED;
	}

}
