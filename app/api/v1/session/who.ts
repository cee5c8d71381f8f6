import type { Principal } from "@/lib/server/auth/authenticate";

/** Who is calling, as GET /session and GET /me both start their answer: `{id, email, name, role}`. */
export const who = (p: Principal) => ({ id: p.userId, email: p.email, name: p.name, role: p.role });
