/**
 * Hands a Blob fetched through the API client (files that need the bearer token, so a plain link
 * cannot fetch them) to the browser's download, through a temporary object URL.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Late enough for the download to have started.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
