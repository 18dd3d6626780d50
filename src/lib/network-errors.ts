// The error codes Node gives a socket whose peer cannot be reached or went away: what the database
// outage check and the OpenID client both read as "the other side is unreachable right now".
export const SOCKET_ERROR_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
];
