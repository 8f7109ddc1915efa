package io.recurportal.web;

import org.springframework.mail.javamail.JavaMailSender;

import io.recurportal.customer.EmailChangeLink;
import io.recurportal.customer.EmailChangeLinkSender;

/**
 * Sends email change confirmation links through the host's {@link JavaMailSender},
 * branded and localised like the login email.
 */
public final class MailEmailChangeLinkSender implements EmailChangeLinkSender {

	private final BrandedLinkMail mail;

	public MailEmailChangeLinkSender(JavaMailSender mailSender, String from) {
		this.mail = new BrandedLinkMail(mailSender, from);
	}

	@Override
	public void send(EmailChangeLink link) {
		this.mail.send(link.email(), link.locale(), link.branding(), "emailchange",
				Math.max(1, link.validFor().toHours()), link.url());
	}

}
