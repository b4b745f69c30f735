/** Downloads from the page: a Blob behind a temporary <a download>, nothing leaves the machine. */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const ZIP_TYPE = "application/zip";

export function downloadBytes(fileName: string, bytes: ArrayBuffer, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start reading the Blob only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
