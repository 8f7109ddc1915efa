package io.recurportal.login;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs login links instead of sending them: only with the sandbox provider, so a
 * developer can sign in locally without a mail server. Never used with a real provider.
 */
public final class LoggingLoginLinkSender implements LoginLinkSender {

	private static final Log logger = LogFactory.getLog(LoggingLoginLinkSender.class);

	@Override
	public void send(LoginLink link) {
		logger.info("recur-portal (sandbox, no mail sender): login link for " + link.email() + ", valid for "
				+ link.validFor().toMinutes() + " minutes: " + link.url());
	}

}
