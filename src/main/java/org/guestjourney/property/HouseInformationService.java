package org.guestjourney.property;

import java.net.URI;
import java.sql.Time;
import org.guestjourney.web.ControlCharacters;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads and changes a house's information; an invalid change stores nothing. */
@Service
public class HouseInformationService {

  static final int MAX_TEXT = 2000;
  static final int MAX_LINE = 500;

  private final PropertyRepository properties;
  private final JdbcClient jdbc;

  HouseInformationService(PropertyRepository properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
  }

  public HouseInformation get(long propertyId) {
    return HouseInformation.of(
        properties
            .findById(propertyId)
            .orElseThrow(() -> new NotFoundException("No property " + propertyId)),
        properties.logoUrl(propertyId).orElse(null));
  }

  public HouseInformation update(long propertyId, HouseInformation house) {
    get(propertyId);
    Violations v = new Violations();
    if (house == null) {
      v.check(false, "body", "is required");
      v.throwIfAny();
    }
    ControlCharacters.check(house, v);
    v.required(house.checkInTime(), "checkInTime");
    v.required(house.checkOutTime(), "checkOutTime");
    v.maxLength(house.address(), MAX_LINE, "address");
    v.maxLength(house.directions(), MAX_TEXT, "directions");
    v.maxLength(house.keyHandover(), MAX_TEXT, "keyHandover");
    v.maxLength(house.wifi(), MAX_LINE, "wifi");
    v.maxLength(house.cancellationPolicy(), MAX_TEXT, "cancellationPolicy");
    v.maxLength(house.deposit(), MAX_TEXT, "deposit");
    v.maxLength(house.fees(), MAX_TEXT, "fees");
    v.maxLength(house.houseManualUrl(), MAX_LINE, "houseManualUrl");
    String url = blankToNull(house.houseManualUrl());
    if (url != null) {
      v.check(isWebAddress(url), "houseManualUrl", "must be an http:// or https:// address");
    }
    v.maxLength(house.logoUrl(), MAX_LINE, "logoUrl");
    String logo = blankToNull(house.logoUrl());
    if (logo != null) {
      v.check(
          isWebAddress(logo) && logo.startsWith("https://"),
          "logoUrl",
          "must be an https:// address of an image");
    }
    v.throwIfAny();
    jdbc.sql(
            """
            update property set address = :address, directions = :directions,
              key_handover = :keyHandover, wifi_details = :wifi, house_manual_url = :url,
              check_in_time = :checkIn, check_out_time = :checkOut,
              cancellation_policy = :cancellation, deposit_terms = :deposit, extra_fees = :fees,
              logo_url = :logo
             where id = :id
            """)
        .param("address", blankToNull(house.address()))
        .param("directions", blankToNull(house.directions()))
        .param("keyHandover", blankToNull(house.keyHandover()))
        .param("wifi", blankToNull(house.wifi()))
        .param("url", url)
        .param("checkIn", Time.valueOf(house.checkInTime()))
        .param("checkOut", Time.valueOf(house.checkOutTime()))
        .param("cancellation", blankToNull(house.cancellationPolicy()))
        .param("deposit", blankToNull(house.deposit()))
        .param("fees", blankToNull(house.fees()))
        .param("logo", logo)
        .param("id", propertyId)
        .update();
    return get(propertyId);
  }

  private static boolean isWebAddress(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
