package io.recurportal.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The fenced code blocks of the repository's README, with the line each starts on and
 * what the line before it expects: {@code <!-- readme-test: fails-with "text" -->} marks
 * a block meant to fail start-up with an analysis containing the text.
 */
final class ReadmeSnippets {

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");

	private static final Pattern FAILS_WITH = Pattern.compile("<!--\\s*readme-test:\\s*fails-with\\s+\"(.*)\"\\s*-->");

	private ReadmeSnippets() {
	}

	static Path readme() {
		for (Path candidate : List.of(Path.of("README.md"), Path.of("..", "README.md"))) {
			if (Files.isRegularFile(candidate) && Files.exists(candidate.resolveSibling("pom.xml"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("README.md not found from " + Path.of("").toAbsolutePath());
	}

	static List<Snippet> read(String language) throws IOException {
		List<String> lines = Files.readAllLines(readme());
		List<Snippet> snippets = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches()) {
				continue;
			}
			String indent = open.group(1);
			StringBuilder code = new StringBuilder();
			int end = i + 1;
			while (end < lines.size() && !lines.get(end).trim().equals("```")) {
				String line = lines.get(end);
				code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading())
					.append('\n');
				end++;
			}
			if (open.group(2).equals(language)) {
				snippets.add(new Snippet(i + 1, code.toString(), failsWith(lines, i)));
			}
			i = end;
		}
		return snippets;
	}

	private static @Nullable String failsWith(List<String> lines, int fence) {
		for (int i = fence - 1; i >= 0 && i >= fence - 2; i--) {
			Matcher marker = FAILS_WITH.matcher(lines.get(i));
			if (marker.find()) {
				return marker.group(1);
			}
		}
		return null;
	}

	/**
	 * A code block.
	 *
	 * @param line the line of its opening fence, from 1
	 * @param code its text, without the list indentation
	 * @param failsWith the text start-up's failure analysis must contain, or
	 * {@code null} when it must start
	 */
	record Snippet(int line, String code, @Nullable String failsWith) {

	}

}
