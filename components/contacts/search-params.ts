// The contact list's search and vendor filter live in the URL, parsed the same way by
// the page (first page rendered on the server) and its components.
import { parseAsArrayOf, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { VENDORS } from "@/lib/model/vendor";

export const contactListParams = {
  q: parseAsString.withDefault(""),
  vendor: parseAsArrayOf(parseAsStringLiteral(VENDORS)).withDefault([]),
};
