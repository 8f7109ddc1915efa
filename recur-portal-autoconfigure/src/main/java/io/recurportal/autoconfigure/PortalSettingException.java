package io.recurportal.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A setting the portal cannot start with, thrown by the starter's start-up checks and
 * explained by {@link PortalSettingFailureAnalyzer}: which property, its value, what is
 * wrong with it and what to write instead. Providers' auto-configurations throw it too.
 */
public final class PortalSettingException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String problem;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the property to fix, {@code recur.portal.allowed-return-origins[0]}
	 * for example
	 * @param value its value, {@code null} when unset
	 * @param problem what is wrong with it
	 * @param action what to write instead
	 */
	public PortalSettingException(String property, @Nullable Object value, String problem, String action) {
		super(property + ((value != null) ? " = '" + value + "'" : " (not set)") + ": " + problem);
		this.property = property;
		this.value = value;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The property to fix.
	 * @return its name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The property's value.
	 * @return the value, {@code null} when unset
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * What is wrong with it.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * What to write instead.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
