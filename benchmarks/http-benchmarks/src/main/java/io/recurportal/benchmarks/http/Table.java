package io.recurportal.benchmarks.http;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell. */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	private final String[] header;

	Table(String... header) {
		this.header = header;
	}

	Table row(Object... cells) {
		String[] row = new String[this.header.length];
		for (int i = 0; i < row.length; i++) {
			row[i] = (i < cells.length && cells[i] != null) ? cells[i].toString() : "";
		}
		this.rows.add(row);
		return this;
	}

	String render() {
		int[] widths = new int[this.header.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.header[i].length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		line(text, this.header, widths);
		String[] rule = new String[widths.length];
		for (int i = 0; i < widths.length; i++) {
			rule[i] = "-".repeat(widths[i]);
		}
		line(text, rule, widths);
		this.rows.forEach((row) -> line(text, row, widths));
		return text.toString();
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder("| ");
		for (int i = 0; i < cells.length; i++) {
			line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" | ");
		}
		text.append(line.toString().stripTrailing()).append('\n');
	}

	static String f1(double value) {
		return Double.isNaN(value) ? "-" : String.format("%.1f", value);
	}

	static String f2(double value) {
		return Double.isNaN(value) ? "-" : String.format("%.2f", value);
	}

}
