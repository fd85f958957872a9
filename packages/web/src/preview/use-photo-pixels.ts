import { useEffect, useState } from 'react';
import { fileLinks } from '../api/stipple-api.js';

/** The photo as pixels, at the screen size the server made (~1600 px on the long side). */
export function usePhotoPixels(photoId: string) {
  const [pixels, setPixels] = useState<ImageData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const img = new window.Image();
    img.onload = () => {
      if (!live) return;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      setPixels(ctx.getImageData(0, 0, c.width, c.height));
    };
    img.onerror = () => live && setFailed(true);
    img.src = fileLinks.photo(photoId, 'preview');
    return () => {
      live = false;
    };
  }, [photoId]);
  return { pixels, failed };
}
