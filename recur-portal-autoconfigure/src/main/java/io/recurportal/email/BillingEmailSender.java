package io.recurportal.email;

/**
 * Delivers billing emails to customers. The starter's implementation sends them through
 * the host's {@code JavaMailSender}; a host may provide its own bean to deliver them
 * another way.
 */
@FunctionalInterface
public interface BillingEmailSender {

	/**
	 * Delivers one email.
	 * @param email what to send, and to whom
	 * @throws RuntimeException when it could not be sent; the email may then be tried
	 * again if its event is delivered again
	 */
	void send(BillingEmail email);

}
