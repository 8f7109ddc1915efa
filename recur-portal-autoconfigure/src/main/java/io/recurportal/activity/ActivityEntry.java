package io.recurportal.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of an account's billing activity.
 *
 * @param at when it happened
 * @param actor who acted: the user (the JWT's {@code sub}), or the email of the customer a
 * billing link was made for; {@code null} when unknown
 * @param viaPortalLink whether they acted through a billing link rather than as a
 * signed-in user
 * @param action what they did, {@code cancel_subscription} for example; texts for it are
 * {@code activity.action.<action>}
 * @param target what they acted on, a subscription id for example
 * @param result {@code succeeded}, or the error code it failed or was refused with
 * @param outcome the result in three words
 * @param reason the reason given, the cancellation reason's code for example
 * @param comment what the customer wrote with it
 */
public record ActivityEntry(Instant at, @Nullable String actor, boolean viaPortalLink, String action,
		@Nullable String target, String result, Outcome outcome, @Nullable String reason, @Nullable String comment) {

	/** How an action ended. */
	public enum Outcome {

		/** It was done. */
		SUCCEEDED,

		/** It was not allowed for that caller, so nothing was tried. */
		REFUSED,

		/** It was tried and failed. */
		FAILED;

		/**
		 * The outcome's name in JSON and message keys, {@code refused} for example.
		 * @return the name
		 */
		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
