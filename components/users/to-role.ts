import { ROLES, type Role } from "@/lib/auth/types";

/** A <select> value back to a Role without a cast; anything unknown falls back to the least power. */
export function toRole(value: string): Role {
  return ROLES.find((r) => r === value) ?? "viewer";
}
