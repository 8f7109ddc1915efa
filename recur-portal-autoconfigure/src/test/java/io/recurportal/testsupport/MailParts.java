package io.recurportal.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * The text parts of a received email by MIME type, to assert an HTML part and its
 * plain-text alternative apart.
 */
public final class MailParts {

	private MailParts() {
	}

	/**
	 * The text parts of a message.
	 * @param part the message
	 * @return each {@code text/*} part's content, by its base type ({@code text/plain},
	 * {@code text/html})
	 * @throws Exception when the message cannot be read
	 */
	public static Map<String, String> of(Part part) throws Exception {
		Map<String, String> parts = new LinkedHashMap<>();
		collect(part, parts);
		return parts;
	}

	private static void collect(Part part, Map<String, String> parts) throws Exception {
		if (part.isMimeType("text/plain")) {
			parts.put("text/plain", (String) part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			parts.put("text/html", (String) part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), parts);
			}
		}
	}

}
