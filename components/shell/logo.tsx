export function Logo() {
  return (
    <div className="flex items-center gap-2 px-2.5">
      <svg viewBox="0 0 24 24" className="size-6 text-primary" aria-hidden>
        <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" />
        <path d="M6 12h12M12 6v12" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <span className="text-[0.95rem] font-semibold tracking-tight">Touchline</span>
    </div>
  );
}
