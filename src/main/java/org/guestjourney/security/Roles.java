package org.guestjourney.security;

/** The groups staff belong to, as Spring Security authorities. */
public final class Roles {

  public static final String GROUP_PREFIX = "GROUP_";
  public static final String MANAGER = "manager";
  public static final String FRONT_DESK = "front-desk";
  public static final String HOUSEKEEPING = "housekeeping";

  public static final String MANAGER_AUTHORITY = GROUP_PREFIX + MANAGER;

  private Roles() {}
}
