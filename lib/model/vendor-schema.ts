import { z } from "zod";
import { VENDORS } from "./vendor";

export const vendorSchema = z.enum(VENDORS);
