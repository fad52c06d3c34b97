// Valid codes for generated data, shared by the benchmark and the demo.

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** GB 32100-2015 unified social credit code of a company registered in Maiji District (620503), one per serial. */
export function creditCode(serial) {
  const digits = [];
  for (let i = 0, n = serial; i < 9; i++, n = Math.floor(n / 31)) digits.unshift(alphabet[n % 31]);
  const body = "91620503" + digits.join("");
  let sum = 0, weight = 1;
  for (const c of body) { sum += alphabet.indexOf(c) * weight; weight = weight * 3 % 31; }
  return body + alphabet[(31 - (sum % 31)) % 31];
}

/** GB 11643-1999 resident ID number of a person born in Maiji District (620503) in 1975–1994, one per serial. */
export function nationalId(serial) {
  const birth = new Date(Date.UTC(1975, 0, 1) + (serial % 7300) * 86400000).toISOString().slice(0, 10).replaceAll("-", "");
  const body = `620503${birth}${String(serial % 1000).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return body + "10X98765432"[sum % 11];
}
