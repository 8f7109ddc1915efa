/**
 * A self-service subscription portal for Spring Boot applications, one package per
 * feature. The packages form layers: a package uses only packages of the layers below it
 * (or of its own layer where listed), so the graph of packages has no cycle; a
 * sub-package counts as its parent, except that each provider ({@code billing.stripe},
 * {@code billing.sandbox}) is a package of its own and every {@code autoconfigure}
 * package counts as {@code autoconfigure}. From the bottom:
 * <ol>
 * <li>Foundations, using no other portal package: {@code error} (codes, problem details
 * and Recur's error envelope), {@code jdbc}, {@code metrics}, {@code logging}.</li>
 * <li>The two seams: {@code billing} (the provider SPI, its records and provider-neutral
 * events) and {@code account} (who the host says the caller is, and the account's link to
 * its customer). Neither knows the other.</li>
 * <li>What the portal knows about them: {@code configuration} (portal configurations
 * and role mapping; it turns a configuration into a provider-neutral
 * {@code billing.HostedPortalConfiguration} for a provider's hosted portal),
 * {@code snapshot} (the customer and invoices kept per account), {@code health}.</li>
 * <li>Rules and records: {@code access} (actions and the one access policy),
 * {@code audit} (what was done, by whom), {@code session} (portal sessions and
 * links).</li>
 * <li>Services: {@code subscription} (mirror, lifecycle, checkout), {@code login},
 * {@code server} (the server API for the host's back end).</li>
 * <li>Services over services: {@code customer} (profile, payment methods, email
 * changes, and finding an account's customer at the provider), {@code invoice},
 * {@code webhook} (provider events into the mirror and snapshots).</li>
 * <li>HTTP: {@code api} (the JSON API) and {@code web} (the pages).</li>
 * <li>The providers, {@code billing.stripe} and {@code billing.sandbox}: plug-ins that
 * implement the SPI and contribute an endpoint or a page of their own (Stripe's signed
 * webhook, the sandbox's checkout), so they sit above the portal; only
 * {@code autoconfigure} knows them.</li>
 * <li>{@code autoconfigure}, on top: it wires everything, and nothing uses it; Spring
 * finds it through {@code AutoConfiguration.imports}.</li>
 * </ol>
 * {@code PackageCyclesTests} fails on a cycle and names the files that make it.
 */
@NullMarked
package io.recurportal;

import org.jspecify.annotations.NullMarked;
