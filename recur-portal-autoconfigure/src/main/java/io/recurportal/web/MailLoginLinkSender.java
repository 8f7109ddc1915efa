package io.recurportal.web;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;

import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.login.LoginLink;
import io.recurportal.login.LoginLinkSender;

/**
 * Sends login links by email through the host's {@link JavaMailSender}: a branded HTML
 * part with a plain-text alternative, in the language of the page the customer asked
 * from.
 */
public final class MailLoginLinkSender implements LoginLinkSender {

	static final String DEFAULT_COLOR = "#4f46e5";

	private final JavaMailSender mailSender;

	private final String from;

	public MailLoginLinkSender(JavaMailSender mailSender, String from) {
		Assert.notNull(mailSender, "mailSender must not be null");
		Assert.hasText(from, "from must not be empty");
		this.mailSender = mailSender;
		this.from = from;
	}

	@Override
	public void send(LoginLink link) {
		PortalMessages msg = new PortalMessages(link.locale());
		PortalConfiguration.Branding brand = link.branding();
		String business = StringUtils.hasText(brand.businessName()) ? brand.businessName() : msg.get("portal.name");
		long minutes = Math.max(1, link.validFor().toMinutes());
		String subject = msg.get("login.email.subject", business);
		String intro = msg.get("login.email.intro", business, minutes);
		String button = msg.get("login.email.button");
		String ignore = msg.get("login.email.ignore");
		String text = intro + "\n\n" + link.url() + "\n\n" + ignore + "\n\n-- \n" + business + "\n";
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(link.email());
			helper.setSubject(subject);
			helper.setText(text, html(msg.languageTag(), business, brand, intro, button, ignore, link.url()));
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not build the login email", ex);
		}
		this.mailSender.send(message);
	}

	// Shared with the email change confirmation, so both mails look alike.
	static String html(String lang, String business, PortalConfiguration.Branding brand, String intro,
			String button, String ignore, String url) {
		String color = (brand.primaryColor() != null && brand.primaryColor().matches("#[0-9a-fA-F]{3,8}"))
				? brand.primaryColor() : DEFAULT_COLOR;
		String href = HtmlUtils.htmlEscape(url);
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html><html lang=\"").append(HtmlUtils.htmlEscape(lang)).append("\"><head>")
			.append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
			.append("<title>").append(HtmlUtils.htmlEscape(business)).append("</title></head>")
			.append("<body style=\"margin:0;padding:24px;background:#f9fafb;font-family:system-ui,sans-serif;color:#111827\">")
			.append("<table role=\"presentation\" width=\"100%\" style=\"max-width:520px;margin:0 auto;background:#fff;")
			.append("border:1px solid #e5e7eb;border-top:4px solid ").append(color)
			.append(";border-radius:10px\"><tr><td style=\"padding:24px\">");
		if (brand.logoUrl() != null && brand.logoUrl().startsWith("https://")) {
			html.append("<img src=\"").append(HtmlUtils.htmlEscape(brand.logoUrl())).append("\" alt=\"")
				.append(HtmlUtils.htmlEscape(business)).append("\" style=\"max-height:40px;max-width:160px\">");
		}
		else {
			html.append("<strong style=\"font-size:18px\">").append(HtmlUtils.htmlEscape(business)).append("</strong>");
		}
		html.append("<p style=\"line-height:1.5\">").append(HtmlUtils.htmlEscape(intro)).append("</p>")
			.append("<p style=\"margin:24px 0\"><a href=\"").append(href)
			.append("\" style=\"display:inline-block;padding:12px 20px;border-radius:8px;background:").append(color)
			.append(";color:#fff;text-decoration:none;font-weight:600\">").append(HtmlUtils.htmlEscape(button))
			.append("</a></p>")
			.append("<p style=\"font-size:13px;color:#6b7280;word-break:break-all\"><a href=\"").append(href)
			.append("\" style=\"color:#6b7280\">").append(href).append("</a></p>")
			.append("<p style=\"font-size:13px;color:#6b7280\">").append(HtmlUtils.htmlEscape(ignore)).append("</p>")
			.append("</td></tr></table></body></html>");
		return html.toString();
	}

}
