/**
 * Demo data for a first look: two properties (one in Europe, one in China) and a few bookings
 * arriving over the next days. Loaded with {@code --guest-journey.demo-data=true}; loading twice
 * adds nothing (same property codes and booking references).
 */
package org.guestjourney.demo;
