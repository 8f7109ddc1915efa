package io.recurportal.benchmarks.storm.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import io.recurportal.webhook.PaymentFailedEvent;
import io.recurportal.webhook.PaymentSucceededEvent;
import io.recurportal.webhook.PortalBillingEvent;

/**
 * One portal instance of the storm: a host application with the starter, the Stripe
 * provider pointed at the fake Stripe and the JDBC stores on the shared PostgreSQL, all
 * configured by the system properties the benchmark starts it with. It records every
 * application event the portal publishes in the table {@value #EVENTS_TABLE}, so the
 * benchmark can tell events lost from events processed twice, and writes its port to
 * the file named by {@code storm.host.ready-file} once it serves.
 */
@SpringBootApplication
public class StormHostApplication {

	/** The table the hosts record the portal's application events in. */
	public static final String EVENTS_TABLE = "storm_host_event";

	private final JdbcTemplate jdbc;

	StormHostApplication(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public static void main(String[] args) {
		SpringApplication.run(StormHostApplication.class, args);
	}

	@EventListener
	void serving(WebServerInitializedEvent event) throws IOException {
		Path ready = Path.of(System.getProperty("storm.host.ready-file"));
		Path written = ready.resolveSibling(ready.getFileName() + ".tmp");
		Files.writeString(written, Integer.toString(event.getWebServer().getPort()));
		Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Published after the portal's transaction committed: what a host's listener sees. */
	@EventListener
	void record(PortalBillingEvent event) {
		String invoiceId = null;
		if (event instanceof PaymentSucceededEvent paid) {
			invoiceId = paid.invoiceId();
		}
		else if (event instanceof PaymentFailedEvent failed) {
			invoiceId = failed.invoiceId();
		}
		this.jdbc.update("INSERT INTO " + EVENTS_TABLE + " (kind, event_id, invoice_id, instance) VALUES (?, ?, ?, ?)",
				event.getClass().getSimpleName(), event.eventId(), invoiceId, System.getProperty("storm.host.name"));
	}

}
