package io.recurportal.web;

import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;

import io.recurportal.configuration.PortalConfiguration;

/**
 * An email of a few paragraphs and at most one link, branded by the portal configuration and in the
 * customer's language: an HTML part with a plain-text alternative. Every such email of the
 * portal goes through here, so they all look alike.
 */
final class BrandedLinkMail {

	static final String DEFAULT_COLOR = "#4f46e5";

	private final JavaMailSender mailSender;

	private final String from;

	BrandedLinkMail(JavaMailSender mailSender, String from) {
		Assert.notNull(mailSender, "mailSender must not be null");
		Assert.hasText(from, "from must not be empty");
		this.mailSender = mailSender;
		this.from = from;
	}

	/**
	 * Sends one link.
	 * @param to the address
	 * @param locale the language
	 * @param brand the configuration's branding
	 * @param messages the prefix of the mail's texts: {@code <messages>.email.subject},
	 * {@code .intro} (given the business name and {@code validFor}), {@code .button} and
	 * {@code .ignore}
	 * @param validFor how long the link works, in the unit the intro text names
	 * @param url the link
	 */
	void send(String to, Locale locale, PortalConfiguration.Branding brand, String messages, long validFor,
			String url) {
		PortalMessages msg = new PortalMessages(locale);
		String business = businessName(brand.in(locale), msg);
		send(to, locale, brand, msg.get(messages + ".email.subject", business),
				List.of(msg.get(messages + ".email.intro", business, validFor)), msg.get(messages + ".email.button"),
				url, msg.get(messages + ".email.ignore"), messages);
	}

	/**
	 * Sends a message of a few paragraphs and at most one link.
	 * @param to the address
	 * @param locale the language, of the {@code lang} attribute
	 * @param brand the configuration's branding
	 * @param subject the subject
	 * @param paragraphs the body, one paragraph each
	 * @param button the link's button text, or {@code null} for no link
	 * @param url the link, or {@code null} for none
	 * @param footnote a last, smaller paragraph
	 * @param name what the email is, for the error when it cannot be built
	 */
	void send(String to, Locale locale, PortalConfiguration.Branding brand, String subject, List<String> paragraphs,
			@Nullable String button, @Nullable String url, String footnote, String name) {
		brand = brand.in(locale);
		PortalMessages msg = new PortalMessages(locale);
		String business = businessName(brand, msg);
		StringBuilder text = new StringBuilder();
		for (String paragraph : paragraphs) {
			text.append(paragraph).append("\n\n");
		}
		if (url != null) {
			text.append(url).append("\n\n");
		}
		text.append(footnote).append("\n\n-- \n").append(business).append("\n");
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text.toString(),
					html(msg.languageTag(), business, brand, paragraphs, (url != null) ? button : null, url, footnote));
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not build the " + name + " email", ex);
		}
		this.mailSender.send(message);
	}

	static String businessName(PortalConfiguration.Branding brand, PortalMessages msg) {
		return StringUtils.hasText(brand.businessName()) ? brand.businessName() : msg.get("portal.name");
	}

	private static String html(String lang, String business, PortalConfiguration.Branding brand,
			List<String> paragraphs, @Nullable String button, @Nullable String url, String footnote) {
		String color = (brand.primaryColor() != null && brand.primaryColor().matches("#[0-9a-fA-F]{3,8}"))
				? brand.primaryColor() : DEFAULT_COLOR;
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
		for (String paragraph : paragraphs) {
			html.append("<p style=\"line-height:1.5\">").append(HtmlUtils.htmlEscape(paragraph)).append("</p>");
		}
		if (button != null && url != null) {
			String href = HtmlUtils.htmlEscape(url);
			html.append("<p style=\"margin:24px 0\"><a href=\"").append(href)
				.append("\" style=\"display:inline-block;padding:12px 20px;border-radius:8px;background:").append(color)
				.append(";color:#fff;text-decoration:none;font-weight:600\">").append(HtmlUtils.htmlEscape(button))
				.append("</a></p>")
				.append("<p style=\"font-size:13px;color:#6b7280;word-break:break-all\"><a href=\"").append(href)
				.append("\" style=\"color:#6b7280\">").append(href).append("</a></p>");
		}
		html.append("<p style=\"font-size:13px;color:#6b7280\">").append(HtmlUtils.htmlEscape(footnote)).append("</p>")
			.append("</td></tr></table></body></html>");
		return html.toString();
	}

}
