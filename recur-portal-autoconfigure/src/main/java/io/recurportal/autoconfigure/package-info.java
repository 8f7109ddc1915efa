/**
 * Auto-configuration of the recur-portal starter and its {@code recur.portal.*}
 * properties, one properties class per feature.
 * <p>
 * The extension points, each a bean the starter makes only when the host declares none
 * of its type (or, for health indicators, of its name); everything else is the portal's
 * own and is not replaced:
 * <table>
 * <caption>Extension points</caption>
 * <tr><th>Bean</th><th>Default</th><th>Replace it to</th></tr>
 * <tr><td>{@code PortalConfigurationResolver}</td><td>role mapping from
 * {@code recur.portal.role-mapping}</td><td>choose a configuration by more than
 * roles</td></tr>
 * <tr><td>{@code PortalConfigurations}</td><td>the built-in {@code full} and
 * {@code invoices} plus {@code recur.portal.configurations}</td><td>define
 * configurations in code</td></tr>
 * <tr><td>{@code AccountCustomerResolver}</td><td>the account's stored link, else the
 * provider's customer whose external id is the account</td><td>keep the customer id
 * yourself</td></tr>
 * <tr><td>{@code BillingGateway}</td><td>Stripe or the sandbox, per
 * {@code recur.portal.billing}</td><td>use another provider</td></tr>
 * <tr><td>{@code BillingProvider}</td><td>the provider's own; none for a host's
 * gateway</td><td>say what a gateway can do and which origins its pages need</td></tr>
 * <tr><td>stores: {@code AccountCustomerLinks}, {@code SubscriptionMirror},
 * {@code BillingSnapshotStore}, {@code PortalSessionStore}, {@code EmailChangeStore},
 * {@code AuditTrail}, {@code WebhookEventStore}, {@code LoginRateLimiter}</td><td>in
 * memory or JDBC, per {@code recur.portal.store}</td><td>keep the data elsewhere</td></tr>
 * <tr><td>{@code PortalSchemaInitializer}</td><td>creates the JDBC tables per
 * {@code recur.portal.jdbc.initialize-schema}</td><td>manage the schema yourself</td></tr>
 * <tr><td>senders: {@code LoginLinkSender}, {@code EmailChangeLinkSender}</td><td>mail
 * through the host's {@code JavaMailSender}; logged on the sandbox</td><td>send links
 * another way</td></tr>
 * <tr><td>{@code LicenseKeyProvider}</td><td>none: the license keys section is hidden</td><td>show the customer's
 * license keys</td></tr>
 * <tr><td>{@code PortalLinks}</td><td>links on {@code recur.portal.base-url}</td><td>build
 * links another way</td></tr>
 * <tr><td>{@code PortalMetrics}</td><td>the host's {@code MeterRegistry}, else
 * none</td><td>record metrics elsewhere</td></tr>
 * <tr><td>{@code recurPortalProviderHealthIndicator},
 * {@code recurPortalStoreHealthIndicator} (by name)</td><td>provider reachability; store
 * reachability</td><td>check health another way</td></tr>
 * <tr><td>the JSON API's controllers and exception handlers</td><td>the documented
 * API</td><td>serve an endpoint differently</td></tr>
 * <tr><td>{@code AccountJwtAuthenticationConverter}</td><td>the account, user and roles
 * from the JWT claims in {@code recur.portal.security}</td><td>read the account from the
 * JWT another way</td></tr>
 * <tr><td>{@code PortalCallerResolver}</td><td>the caller from the request's
 * {@code Authentication}</td><td>build the caller another way</td></tr>
 * <tr><td>{@link PortalApiSecurityCustomizer}, {@link PortalServerApiSecurityCustomizer},
 * {@link PortalPagesSecurityCustomizer}, {@link PortalWebhookSecurityCustomizer} (any
 * number)</td><td>none</td><td>adjust one portal chain after the portal's
 * settings</td></tr>
 * <tr><td>{@code recurPortalApiSecurityFilterChain},
 * {@code recurPortalServerApiSecurityFilterChain},
 * {@code recurPortalPagesSecurityFilterChain},
 * {@code recurPortalWebhookSecurityFilterChain} (by name)</td><td>the portal's
 * chains</td><td>replace a chain whole</td></tr>
 * </table>
 */
@NullMarked
package io.recurportal.autoconfigure;

import org.jspecify.annotations.NullMarked;
