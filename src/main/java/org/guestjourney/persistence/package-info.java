/** What every repository shares: converting between {@code java.time} and JDBC values. */
package org.guestjourney.persistence;
