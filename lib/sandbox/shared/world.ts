import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { VendorMeta } from "@/lib/vendors/meta";
import { vendorMeta } from "@/lib/vendors/metas";
import { Rng } from "./prng";

/**
 * The people of the generated world, shared by the simulators so that about a
 * third of them appear in several vendors under the same email (the identity
 * resolution the product is about). Each vendor's own data (campaigns, activities,
 * tasks) is generated in lib/sandbox/<vendor>/data (a file or a folder) from `peopleOf(world, vendor)`
 * with `world.rng.fork(vendor)`.
 */
export interface WorldOptions {
  seed: number;
  /** The generator's "now": activities lie in [now − days, now], tasks around it. */
  now: Date;
  days: number;
  people: number;
  /** Total activities across the vendors (each takes its meta.ts `demoShare`). */
  activities: number;
  campaigns: number;
  tasks: number;
}

export const DEMO_WORLD: Omit<WorldOptions, "now"> = {
  seed: 20261124,
  days: 120,
  people: 1000,
  activities: 50_000,
  campaigns: 12,
  tasks: 800,
};

export interface Person {
  index: number;
  firstName: string;
  lastName: string;
  /** As the vendors hold it: sometimes with capitals or spaces, so normalisation is exercised. */
  email: string;
  company: string;
  companyDomain: string;
  jobTitle: string;
  phone: string;
  linkedinUrl: string;
  timezone: string;
  vendors: Vendor[];
}

export interface World {
  options: WorldOptions;
  rng: Rng;
  people: Person[];
}

const FIRST = [
  "Ada",
  "Bruno",
  "Chloé",
  "Dmitri",
  "Elena",
  "Farid",
  "Grace",
  "Hiro",
  "Inès",
  "Jonas",
  "Kemi",
  "Liam",
  "Maya",
  "Noah",
  "Olga",
  "Pablo",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wei",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Amara",
  "Ben",
  "Carla",
  "Diego",
  "Emma",
  "Finn",
  "Gita",
  "Hugo",
  "Isla",
  "Jack",
  "Kai",
  "Lena",
  "Marco",
  "Nina",
];
const LAST = [
  "Lovelace",
  "Martin",
  "Dubois",
  "Ivanov",
  "Rossi",
  "Haddad",
  "Hopper",
  "Tanaka",
  "Moreau",
  "Berg",
  "Adeyemi",
  "Walsh",
  "Patel",
  "Nguyen",
  "Kowalski",
  "García",
  "Fischer",
  "Silva",
  "Larsen",
  "Singh",
  "Khan",
  "Novak",
  "Chen",
  "López",
  "Demir",
  "Müller",
  "Okafor",
  "Schmidt",
  "Costa",
  "Romero",
  "Andersen",
  "Kim",
  "Sato",
  "Yilmaz",
  "Bianchi",
  "Dupont",
  "Jensen",
  "Meyer",
  "Lambert",
  "Fontaine",
];
const COMPANY_A = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Vandelay",
  "Stark",
  "Wayne",
  "Soylent",
  "Tyrell",
  "Cyberdyne",
  "Aperture",
  "Wonka",
  "Gringotts",
  "Monarch",
  "Pied Piper",
  "Dunder",
  "Oscorp",
  "Massive",
  "Nakatomi",
];
const COMPANY_B = [
  "Labs",
  "Systems",
  "Analytics",
  "Logistics",
  "Health",
  "Robotics",
  "Foods",
  "Capital",
  "Media",
  "Cloud",
];
const TITLES = [
  "Head of Sales",
  "VP Marketing",
  "CTO",
  "Founder",
  "Operations Manager",
  "RevOps Lead",
  "Growth Manager",
  "CFO",
  "Procurement Lead",
  "Engineering Manager",
];
const ZONES = [
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/Berlin",
];
// The registry's order: the generator draws from it, so the order is part of the seed.
const VENDOR_ORDER: Vendor[] = [...VENDORS];

export function createWorld(opts: Partial<WorldOptions> & { now?: Date } = {}): World {
  const options: WorldOptions = { ...DEMO_WORLD, now: new Date(), ...opts };
  const rng = new Rng(options.seed);
  const prng = rng.fork("people");
  const people: Person[] = [];
  for (let i = 0; i < options.people; i++) {
    const firstName = prng.pick(FIRST);
    const lastName = prng.pick(LAST);
    const company = `${prng.pick(COMPANY_A)} ${prng.pick(COMPANY_B)}`;
    const companyDomain = company.toLowerCase().replace(/[^a-z]+/g, "") + ".example";
    const local = `${firstName}.${lastName}`
      .normalize("NFD")
      .replace(/[^\w.]/g, "")
      .toLowerCase();
    let email = `${local}${i}@${companyDomain}`;
    // A few vendors hold emails with capitals or stray spaces: identity matching must normalise.
    if (prng.chance(0.05)) email = email.replace(/^./, (c) => c.toUpperCase());
    // About a third of the people are in several vendors (two to four), the rest in one.
    let vendors: Vendor[];
    if (prng.chance(1 / 3)) {
      const n = prng.chance(0.45) ? prng.int(3, 4) : 2;
      vendors = prng.shuffle([...VENDOR_ORDER]).slice(0, n);
    } else {
      vendors = [prng.pick(VENDOR_ORDER)];
    }
    vendors.sort((a, b) => VENDOR_ORDER.indexOf(a) - VENDOR_ORDER.indexOf(b));
    people.push({
      index: i,
      firstName,
      lastName,
      email,
      company,
      companyDomain,
      jobTitle: prng.pick(TITLES),
      phone: `+33 6 ${prng.int(10, 99)} ${prng.int(10, 99)} ${prng.int(10, 99)} ${prng.int(10, 99)}`,
      linkedinUrl: `https://www.linkedin.com/in/${local.replace(/\./g, "-")}-${i}`,
      timezone: prng.pick(ZONES),
      vendors,
    });
  }
  return { options, rng, people };
}

export function peopleOf(world: World, vendor: Vendor): Person[] {
  return world.people.filter((p) => p.vendors.includes(vendor));
}

/** How many of `kind` this vendor should generate, from the world totals. */
export function shareOf(world: World, vendor: Vendor, kind: keyof VendorMeta["demoShare"]): number {
  const total =
    kind === "activities" ? world.options.activities : kind === "tasks" ? world.options.tasks : world.options.campaigns;
  return Math.round(total * vendorMeta(vendor).demoShare[kind]);
}
