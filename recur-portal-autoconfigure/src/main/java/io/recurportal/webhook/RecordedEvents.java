package io.recurportal.webhook;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;

/**
 * Events as the JDBC queue stores them: one line each, appended to the entry's text, so
 * an event is added by one statement. Fields are URL-encoded, so a line is plain ASCII,
 * holds no space or line break, and its length is the same in Java and in SQL.
 */
final class RecordedEvents {

	private RecordedEvents() {
	}

	static String line(BillingEvent event) {
		StringBuilder line = new StringBuilder(160);
		append(line, event.id());
		append(line, (event.type() != null) ? event.type().name() : null);
		append(line, event.name());
		append(line, event.created().toString());
		append(line, event.customerId());
		append(line, event.subscriptionId());
		append(line, event.invoiceId());
		append(line, event.accountId());
		append(line, event.paymentMethodId());
		line.setCharAt(line.length() - 1, '\n');
		return line.toString();
	}

	static List<BillingEvent> parse(String text) {
		List<BillingEvent> events = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			String[] fields = line.split(" ", -1);
			String type = decode(fields[1]);
			events.add(new BillingEvent(decode(fields[0]), (type != null) ? BillingEventType.valueOf(type) : null,
					decode(fields[2]), Instant.parse(decode(fields[3])), decode(fields[4]), decode(fields[5]),
					decode(fields[6]), decode(fields[7]), decode(fields[8])));
		}
		return events;
	}

	private static void append(StringBuilder line, @Nullable String value) {
		if (value != null) {
			line.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
		line.append(' ');
	}

	private static @Nullable String decode(String field) {
		return field.isEmpty() ? null : URLDecoder.decode(field, StandardCharsets.UTF_8);
	}

}
