/**
 * The application's single notion of "now": one {@link java.time.Clock} bean used everywhere. In
 * the embedded default it can be moved forward together with the engine's clock ("advance one
 * day"), so a week of journey can be watched in a minute.
 */
package org.guestjourney.clock;
