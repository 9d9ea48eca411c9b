package org.guestjourney.property;

import java.time.LocalTime;

/**
 * What a house tells its guests, as a manager edits it (the page and {@code PUT
 * /api/properties/{id}/house}); the next message rendered uses it. Check-in and check-out times are
 * required; every text may be empty. {@code logoUrl} (https) is the logo on the guest pages.
 */
public record HouseInformation(
    @org.guestjourney.web.MultiLine String address,
    @org.guestjourney.web.MultiLine String directions,
    @org.guestjourney.web.MultiLine String keyHandover,
    @org.guestjourney.web.MultiLine String wifi,
    String houseManualUrl,
    LocalTime checkInTime,
    LocalTime checkOutTime,
    @org.guestjourney.web.MultiLine String cancellationPolicy,
    @org.guestjourney.web.MultiLine String deposit,
    @org.guestjourney.web.MultiLine String fees,
    String logoUrl)
    implements java.io.Serializable {

  static HouseInformation of(Property p, String logoUrl) {
    return new HouseInformation(
        p.address(),
        p.directions(),
        p.keyHandover(),
        p.wifiDetails(),
        p.houseManualUrl(),
        p.checkInTime(),
        p.checkOutTime(),
        p.cancellationPolicy(),
        p.depositTerms(),
        p.extraFees(),
        logoUrl);
  }
}
