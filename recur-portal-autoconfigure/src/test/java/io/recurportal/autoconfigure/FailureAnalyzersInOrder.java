package io.recurportal.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyzes a start-up failure as Boot does: every registered {@link FailureAnalyzer}, in
 * order, the first analysis winning; so a test also shows the portal's analyzer is the
 * one a host sees, not Boot's generic one.
 */
public final class FailureAnalyzersInOrder {

	private FailureAnalyzersInOrder() {
	}

	/**
	 * The analysis Boot would report.
	 * @param failure the start-up failure
	 * @return the first analysis
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(Environment.class, new StandardEnvironment())
			.and(BeanFactory.class, new DefaultListableBeanFactory());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, SpringFactoriesLoader.FailureHandler.throwing());
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		assertThat(analyzers).as("no analyzer explains %s", failure).isEmpty();
		throw new AssertionError();
	}

}
