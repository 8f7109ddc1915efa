package io.recurportal.login;

/**
 * Delivers login links: by email through the host's {@code JavaMailSender}, or to the
 * log with the sandbox provider for local development.
 */
@FunctionalInterface
public interface LoginLinkSender {

	/**
	 * Delivers a link.
	 * @param link the link and who gets it
	 */
	void send(LoginLink link);

}
