package io.recurportal.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages of {@code io.recurportal} form a graph without cycles: read from
 * the sources' {@code io.recurportal.} names (imports, fully-qualified names and Javadoc
 * links alike), with a sub-package counted as its parent ({@code customer.jdbc} is
 * {@code customer}), except that each billing provider ({@code billing.stripe},
 * {@code billing.sandbox}) is a package of its own, and every {@code autoconfigure}
 * package, a provider's included, counts as {@code autoconfigure}. {@code autoconfigure}
 * sits on top: it may use everything, and nothing uses it (Spring finds it through
 * {@code AutoConfiguration.imports}).
 */
class PackageCyclesTests {

	private static final Path SOURCES = Path.of("src/main/java/io/recurportal");

	private static final Pattern PACKAGE = Pattern.compile("^package io\\.recurportal\\.([a-z0-9.]+);",
			Pattern.MULTILINE);

	private static final Pattern REFERENCE = Pattern.compile("io\\.recurportal\\.([a-z0-9]+(?:\\.[a-z0-9]+)*)\\b");

	private static final List<String> PROVIDERS = List.of("billing.stripe", "billing.sandbox");

	private static final String AUTOCONFIGURE = "autoconfigure";

	@Test
	void featurePackagesHaveNoCycle() {
		Map<String, Map<String, Set<String>>> graph = graph();
		assertThat(graph).containsKeys("account", "billing", "configuration", "web");
		List<String> cycles = new ArrayList<>();
		for (Set<String> component : stronglyConnected(graph)) {
			if (component.size() > 1) {
				cycles.add(describe(component, graph));
			}
		}
		assertThat(cycles).as("package cycles").isEmpty();
	}

	@Test
	void nothingDependsOnAutoConfiguration() {
		Map<String, Set<String>> users = new TreeMap<>();
		graph().forEach((from, edges) -> {
			if (edges.containsKey(AUTOCONFIGURE)) {
				users.put(from, edges.get(AUTOCONFIGURE));
			}
		});
		assertThat(users).as("packages that use autoconfigure, with the files").isEmpty();
	}

	@Test
	void providersAndAutoConfigurationsAreNodesOfTheirOwn() {
		assertThat(node("billing.stripe.webhook")).isEqualTo("billing.stripe");
		assertThat(node("billing.sandbox")).isEqualTo("billing.sandbox");
		assertThat(node("billing.sandbox.autoconfigure")).isEqualTo(AUTOCONFIGURE);
		assertThat(node("customer.jdbc")).isEqualTo("customer");
		assertThat(node("billing")).isEqualTo("billing");
	}

	@Test
	void findsACycleWhenThereIsOne() {
		Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
		graph.put("a", Map.of("b", Set.of("a/A.java")));
		graph.put("b", Map.of("c", Set.of("b/B.java")));
		graph.put("c", Map.of("a", Set.of("c/C.java")));
		graph.put("d", Map.of("a", Set.of("d/D.java")));
		assertThat(stronglyConnected(graph)).contains(Set.of("a", "b", "c")).contains(Set.of("d"));
	}

	/**
	 * The package graph: for each feature package, the packages it uses and, for each,
	 * the files that use it.
	 */
	private static Map<String, Map<String, Set<String>>> graph() {
		Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
				String source = read(file);
				Matcher declared = PACKAGE.matcher(source);
				if (!declared.find()) {
					return;
				}
				String from = node(declared.group(1));
				Map<String, Set<String>> edges = graph.computeIfAbsent(from, (key) -> new TreeMap<>());
				Matcher used = REFERENCE.matcher(source);
				while (used.find()) {
					String to = node(used.group(1));
					if (!to.equals(from)) {
						edges.computeIfAbsent(to, (key) -> new TreeSet<>())
							.add(SOURCES.relativize(file).toString().replace('\\', '/'));
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return graph;
	}

	// A feature package, a billing provider, or auto-configuration wherever it is.
	static String node(String packageName) {
		if (packageName.equals(AUTOCONFIGURE) || packageName.endsWith("." + AUTOCONFIGURE)) {
			return AUTOCONFIGURE;
		}
		for (String provider : PROVIDERS) {
			if (packageName.equals(provider) || packageName.startsWith(provider + ".")) {
				return provider;
			}
		}
		int dot = packageName.indexOf('.');
		return (dot < 0) ? packageName : packageName.substring(0, dot);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Tarjan's strongly connected components: a component of more than one is a cycle. */
	private static List<Set<String>> stronglyConnected(Map<String, Map<String, Set<String>>> graph) {
		return new Tarjan(graph).components;
	}

	private static String describe(Set<String> component, Map<String, Map<String, Set<String>>> graph) {
		StringBuilder description = new StringBuilder("cycle among " + component + ":");
		for (String from : component) {
			graph.getOrDefault(from, Map.of()).forEach((to, files) -> {
				if (component.contains(to)) {
					description.append("\n  ").append(from).append(" -> ").append(to).append(" ").append(files);
				}
			});
		}
		return description.toString();
	}

	private static final class Tarjan {

		private final Map<String, Map<String, Set<String>>> graph;

		private final Map<String, Integer> index = new TreeMap<>();

		private final Map<String, Integer> lowLink = new TreeMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final Set<String> onStack = new TreeSet<>();

		private final List<Set<String>> components = new ArrayList<>();

		Tarjan(Map<String, Map<String, Set<String>>> graph) {
			this.graph = graph;
			Set<String> nodes = new TreeSet<>(graph.keySet());
			graph.values().forEach((edges) -> nodes.addAll(edges.keySet()));
			for (String node : nodes) {
				if (!this.index.containsKey(node)) {
					visit(node);
				}
			}
		}

		private void visit(String node) {
			int next = this.index.size();
			this.index.put(node, next);
			this.lowLink.put(node, next);
			this.stack.push(node);
			this.onStack.add(node);
			for (String to : this.graph.getOrDefault(node, Map.of()).keySet()) {
				if (!this.index.containsKey(to)) {
					visit(to);
					this.lowLink.put(node, Math.min(this.lowLink.get(node), this.lowLink.get(to)));
				}
				else if (this.onStack.contains(to)) {
					this.lowLink.put(node, Math.min(this.lowLink.get(node), this.index.get(to)));
				}
			}
			if (this.lowLink.get(node).equals(this.index.get(node))) {
				Set<String> component = new TreeSet<>();
				String member;
				do {
					member = this.stack.pop();
					this.onStack.remove(member);
					component.add(member);
				}
				while (!member.equals(node));
				this.components.add(component);
			}
		}

	}

}
