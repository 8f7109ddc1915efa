package io.recurportal.web;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.customer.EmailChangeLink;
import io.recurportal.customer.EmailChangeLinkSender;

/**
 * Sends email change confirmation links through the host's {@link JavaMailSender},
 * branded and localised like the login email.
 */
public final class MailEmailChangeLinkSender implements EmailChangeLinkSender {

	private final JavaMailSender mailSender;

	private final String from;

	public MailEmailChangeLinkSender(JavaMailSender mailSender, String from) {
		Assert.notNull(mailSender, "mailSender must not be null");
		Assert.hasText(from, "from must not be empty");
		this.mailSender = mailSender;
		this.from = from;
	}

	@Override
	public void send(EmailChangeLink link) {
		PortalMessages msg = new PortalMessages(link.locale());
		PortalConfiguration.Branding brand = link.branding();
		String business = StringUtils.hasText(brand.businessName()) ? brand.businessName() : msg.get("portal.name");
		long hours = Math.max(1, link.validFor().toHours());
		String subject = msg.get("emailchange.email.subject", business);
		String intro = msg.get("emailchange.email.intro", business, hours);
		String button = msg.get("emailchange.email.button");
		String ignore = msg.get("emailchange.email.ignore");
		String text = intro + "\n\n" + link.url() + "\n\n" + ignore + "\n\n-- \n" + business + "\n";
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(link.email());
			helper.setSubject(subject);
			helper.setText(text,
					MailLoginLinkSender.html(msg.languageTag(), business, brand, intro, button, ignore, link.url()));
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not build the email change confirmation", ex);
		}
		this.mailSender.send(message);
	}

}
