package io.recurportal.billing.stripe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server whose answer stalls after its headers: it sends the status line,
 * the headers and the first half of a 200's body at once, and the rest only after a
 * while, as a proxy that lost its upstream or a half-open connection does. WireMock's
 * dribbled bodies hold back the headers too, which a headers-only timeout already covers.
 */
final class StallingServer implements AutoCloseable {

	private final String contentType;

	private final byte[] body;

	private final Duration stall;

	private final ServerSocket serverSocket;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final ScheduledExecutorService rest = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stalling-server-rest");
		thread.setDaemon(true);
		return thread;
	});

	StallingServer(String json, Duration stall) throws IOException {
		this("application/json", json.getBytes(StandardCharsets.UTF_8), stall);
	}

	StallingServer(String contentType, byte[] body, Duration stall) throws IOException {
		this.contentType = contentType;
		this.body = body;
		this.stall = stall;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "stalling-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	/** How many requests arrived: each on its own connection, as the client closes a stalled one. */
	int requests() {
		return this.requests.get();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket connection = this.serverSocket.accept();
				this.connections.add(connection);
				answer(connection);
			}
			catch (IOException ex) {
				// Closed by the test, or a connection the client gave up on.
			}
		}
	}

	private void answer(Socket connection) throws IOException {
		readRequestHead(connection.getInputStream());
		this.requests.incrementAndGet();
		OutputStream out = connection.getOutputStream();
		int half = this.body.length / 2;
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + this.contentType + "\r\nRequest-Id: req_stalled\r\n"
				+ "Content-Length: " + this.body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.write(this.body, 0, half);
		out.flush();
		this.rest.schedule(() -> {
			try {
				out.write(this.body, half, this.body.length - half);
				out.flush();
			}
			catch (IOException ex) {
				// The client had stopped waiting.
			}
		}, this.stall.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void readRequestHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int read;
		while ((read = in.read()) != -1) {
			head.write(read);
			if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				return;
			}
		}
		throw new IOException("The connection closed before a request");
	}

	@Override
	public void close() throws IOException {
		this.rest.shutdownNow();
		this.serverSocket.close();
		for (Socket connection : this.connections) {
			connection.close();
		}
	}

}
