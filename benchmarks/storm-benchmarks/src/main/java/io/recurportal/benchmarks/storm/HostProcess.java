package io.recurportal.benchmarks.storm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A portal host in a JVM of its own, {@code StormHostApplication} started with
 * {@code java -cp}: from the benchmark's own jar through Spring Boot's
 * {@code PropertiesLauncher}, or from a plain class path (an IDE's). Its output goes to a
 * log file; it is killed when the benchmark's JVM exits.
 */
final class HostProcess implements AutoCloseable {

	private static final String HOST_CLASS = "io.recurportal.benchmarks.storm.host.StormHostApplication";

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final String name;

	private final Process process;

	private final Path log;

	private final Path ready;

	private volatile int port;

	private HostProcess(String name, Process process, Path log, Path ready) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.ready = ready;
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
	}

	static HostProcess start(String name, Path directory, String heap, Map<String, String> properties) {
		try {
			Path log = directory.resolve(name + ".log");
			Path ready = directory.resolve(name + ".port");
			Files.deleteIfExists(ready);
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("-Xmx" + heap);
			command.add("-XX:+ExitOnOutOfMemoryError");
			properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
			command.add("-Dstorm.host.name=" + name);
			command.add("-Dstorm.host.ready-file=" + ready);
			String classPath = System.getProperty("java.class.path");
			command.add("-cp");
			command.add(classPath);
			if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
				command.add("-Dloader.main=" + HOST_CLASS);
				command.add(LAUNCHER);
			}
			else {
				command.add(HOST_CLASS);
			}
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new HostProcess(name, process, log, ready);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start host " + name, ex);
		}
	}

	/**
	 * Waits until the host serves.
	 * @param timeout how long it may take
	 * @return its port on 127.0.0.1
	 */
	int awaitReady(Duration timeout) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(this.ready)) {
				this.port = Integer.parseInt(Files.readString(this.ready).trim());
				return this.port;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Host " + this.name + " exited with " + this.process.exitValue()
						+ " while starting; its log " + this.log + " ends with:\n" + tail());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Host " + this.name + " did not start within " + timeout.toSeconds()
				+ " s; its log " + this.log + " ends with:\n" + tail());
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills the host at once, as a crash or {@code kill -9} would. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Errors the host logged (the benchmark keeps the portal at {@code ERROR}).
	 * @return the count of lines with {@code ERROR}
	 */
	long loggedErrors() throws IOException {
		try (var lines = Files.lines(this.log)) {
			return lines.filter((line) -> line.contains(" ERROR ")).count();
		}
	}

	String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
	}

}
