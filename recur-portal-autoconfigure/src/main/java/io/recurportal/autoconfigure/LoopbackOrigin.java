package io.recurportal.autoconfigure;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The sandbox's own origin on the loopback interface, {@code http://localhost:<port>}
 * (or the loopback {@code server.address} it is bound to), on
 * the port the server actually listens on ({@code local.server.port}, which Boot sets once
 * the server has started, so {@code server.port=0} and {@code PORT} work too). Only for
 * the sandbox, which handles no real money: nobody else can be reached on it.
 */
final class LoopbackOrigin implements Supplier<@Nullable String> {

	private final Environment environment;

	LoopbackOrigin(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable String get() {
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		if (port == null) {
			port = this.environment.getProperty("server.port", Integer.class, 8080);
		}
		if (port <= 0) {
			// Not listening yet on a random port, or not at all: relative links.
			return null;
		}
		return "http://" + host() + ":" + port + this.environment.getProperty("server.servlet.context-path", "");
	}

	// The loopback address the server is bound to, if it is bound to one ('localhost' may
	// resolve to another, ::1 for 127.0.0.1), else 'localhost'.
	private String host() {
		String address = this.environment.getProperty("server.address");
		if (address != null) {
			try {
				InetAddress bound = InetAddress.getByName(address.trim());
				if (bound.isLoopbackAddress()) {
					return (bound instanceof Inet6Address) ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
				}
			}
			catch (UnknownHostException ex) {
				// Boot fails on this address itself; the links keep the default.
			}
		}
		return "localhost";
	}

}
