package io.recurportal.customer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs email change confirmation links instead of sending them: only with the sandbox
 * provider, so a developer can try the profile form locally without a mail server. Never
 * used with a real provider.
 */
public final class LoggingEmailChangeLinkSender implements EmailChangeLinkSender {

	private static final Log logger = LogFactory.getLog(LoggingEmailChangeLinkSender.class);

	@Override
	public void send(EmailChangeLink link) {
		logger.info("recur-portal (sandbox, no mail sender): email change confirmation link for " + link.email()
				+ ", valid for " + link.validFor().toMinutes() + " minutes: " + link.url());
	}

}
