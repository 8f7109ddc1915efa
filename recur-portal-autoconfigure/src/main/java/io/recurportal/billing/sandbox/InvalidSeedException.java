package io.recurportal.billing.sandbox;

/**
 * Bad data in a {@link SandboxSeed}, naming the field it is in.
 */
public final class InvalidSeedException extends IllegalArgumentException {

	private final String field;

	private final String problem;

	InvalidSeedException(String field, String problem) {
		super(field + ": " + problem);
		this.field = field;
		this.problem = problem;
	}

	/**
	 * The bad field, relative to the record that found it ({@code unitAmount}, or
	 * {@code customers[0].subscriptions[1].priceId} for checks across records).
	 * @return the field's path
	 */
	public String field() {
		return this.field;
	}

	/**
	 * What is wrong with it.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

}
