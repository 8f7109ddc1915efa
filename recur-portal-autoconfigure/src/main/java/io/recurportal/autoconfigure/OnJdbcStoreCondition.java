package io.recurportal.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the portal's state goes to the database: {@code recur.portal.store=jdbc},
 * or {@code auto} (the default) and a {@code DataSource} bean exists. Evaluated when
 * beans are registered, so the data source auto-configuration has run.
 */
final class OnJdbcStoreCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("recur-portal JDBC store");
		PortalStoreType store = selected(context.getEnvironment());
		if (store == PortalStoreType.JDBC) {
			return ConditionOutcome.match(message.because("recur.portal.store is jdbc"));
		}
		if (store == PortalStoreType.MEMORY) {
			return ConditionOutcome.noMatch(message.because("recur.portal.store is memory"));
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		boolean hasDataSource = beanFactory != null
				&& beanFactory.getBeanNamesForType(DataSource.class, true, false).length > 0;
		return hasDataSource
				? ConditionOutcome.match(message.because("recur.portal.store is auto and a DataSource exists"))
				: ConditionOutcome.noMatch(message.because("recur.portal.store is auto and there is no DataSource"));
	}

	static PortalStoreType selected(Environment environment) {
		return Binder.get(environment).bind("recur.portal.store", PortalStoreType.class).orElse(PortalStoreType.AUTO);
	}

}
