package io.recurportal.email;

import java.time.Instant;

/**
 * Which billing emails were sent, so each is sent once per provider event and kind
 * however often the event is delivered and on however many instances. In memory by
 * default; JDBC when the host has a {@code DataSource}.
 * <p>
 * An email is claimed before it is sent: of any number of concurrent claims of the same
 * event and kind, exactly one succeeds. A claim whose sending failed is released, so a
 * later delivery of the same event may try again.
 */
public interface SentEmailStore {

	/**
	 * Claims the email of one kind for one provider event.
	 * @param eventId the provider's event id
	 * @param kind the email's kind, {@link BillingEmailKind#key()}
	 * @param claimId an id of this claim, so that only it can be released
	 * @param claimedAt when it was claimed
	 * @return whether this call claimed it; {@code false} when it was claimed already
	 */
	boolean claim(String eventId, String kind, String claimId, Instant claimedAt);

	/**
	 * Undoes a claim whose email could not be sent. Does nothing when the claim is not
	 * there or is another's.
	 * @param eventId the event id
	 * @param kind the email's kind
	 * @param claimId the id the claim was made with
	 */
	void release(String eventId, String kind, String claimId);

	/**
	 * Forgets claims made before a time: providers stop redelivering after a few days.
	 * Safe to run on several instances at once.
	 * @param before claims made before this are forgotten
	 * @return how many were forgotten
	 */
	int deleteClaimedBefore(Instant before);

}
