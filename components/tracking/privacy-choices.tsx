'use client';
// INTERFACE PLACEHOLDER: the tracker helper replaces the body. The footer renders <PrivacyChoices />:
// a "Privacy choices" control to opt out of and back into tracking.
export function PrivacyChoices() {
  return null;
}
