package io.recurportal.web;

import org.springframework.mail.javamail.JavaMailSender;

import io.recurportal.login.LoginLink;
import io.recurportal.login.LoginLinkSender;

/**
 * Sends login links by email through the host's {@link JavaMailSender}: a branded HTML
 * part with a plain-text alternative, in the language of the page the customer asked
 * from.
 */
public final class MailLoginLinkSender implements LoginLinkSender {

	private final BrandedLinkMail mail;

	public MailLoginLinkSender(JavaMailSender mailSender, String from) {
		this.mail = new BrandedLinkMail(mailSender, from);
	}

	@Override
	public void send(LoginLink link) {
		this.mail.send(link.email(), link.locale(), link.branding(), "login", Math.max(1, link.validFor().toMinutes()),
				link.url());
	}

}
