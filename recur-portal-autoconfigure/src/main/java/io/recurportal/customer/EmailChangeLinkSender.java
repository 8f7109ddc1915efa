package io.recurportal.customer;

/**
 * Delivers email change confirmation links: by email through the host's
 * {@code JavaMailSender}, or to the log with the sandbox provider for local development.
 */
@FunctionalInterface
public interface EmailChangeLinkSender {

	/**
	 * Delivers a link.
	 * @param link the link and who gets it
	 */
	void send(EmailChangeLink link);

}
