package io.recurportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP setup for GreenMail on a loopback port free when the class loads, so that
 * builds running side by side do not fight over GreenMail's fixed test port. The port
 * stays the same for the whole test run, so a cached application context keeps
 * reaching a server that restarts per test method.
 */
public final class TestSmtp {

	/** The SMTP setup on the chosen port. */
	public static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private TestSmtp() {
	}

	/**
	 * Returns the chosen port.
	 * @return the port
	 */
	public static int port() {
		return SMTP.getPort();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
