/**
 * Where the application runs: the embedded default (the real Zeebe engine inside the JVM and an
 * embedded PostgreSQL, nothing to install) or an external Camunda 8 cluster and PostgreSQL. The
 * choice is made from configuration alone: no engine address means the embedded engine, no
 * datasource URL means the embedded database. Everything else in the application talks to the
 * engine through the ordinary Camunda client, whatever the runtime.
 */
package org.guestjourney.runtime;
