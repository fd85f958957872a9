import { useMemo, type ReactNode } from 'react';
import { MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiProvider } from './api/ApiProvider.js';
import type { StippleApi } from './api/stipple-api.js';
import { theme } from './theme.js';
import { AppLayout } from './components/AppLayout.js';
import { RequireOwner, RequireSession } from './components/RequireSession.js';
import { SignInPage } from './pages/SignInPage.js';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.js';
import { AccountPage } from './pages/AccountPage.js';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.js';
import { ResetPasswordPage } from './pages/ResetPasswordPage.js';
import { ClientListPage } from './pages/ClientListPage.js';
import { ClientPage } from './pages/ClientPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { AuditLogPage } from './pages/AuditLogPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { CalendarPage } from './pages/CalendarPage.js';
import { InventoryPage } from './pages/InventoryPage.js';
import { ConsentAftercarePage } from './pages/ConsentAftercarePage.js';
import { SessionRecordPage } from './pages/SessionRecordPage.js';
import { ConsultationsPage } from './pages/ConsultationsPage.js';
import { ConsultationPage } from './pages/ConsultationPage.js';
import { PreviewsPage } from './pages/PreviewsPage.js';
import { ZoneEditorPage } from './pages/ZoneEditorPage.js';
import { RequireClinical } from './components/RequireSession.js';
import { UnsavedChangesRoot } from './components/UnsavedChanges.js';
import { SetupPage } from './pages/SetupPage.js';
import { StudioSettingsPage } from './pages/StudioSettingsPage.js';
import { PublicStudioPage } from './pages/PublicStudioPage.js';
import { PortalSignInPage } from './pages/portal/PortalSignInPage.js';
import { PortalLinkPage } from './pages/portal/PortalLinkPage.js';
import { PortalHomePage } from './pages/portal/PortalHomePage.js';
import { PortalIntakePage } from './pages/portal/PortalIntakePage.js';
import { PortalPlanPage } from './pages/portal/PortalPlanPage.js';
import { PortalPreviewPage } from './pages/portal/PortalPreviewPage.js';
import { PortalAftercarePage } from './pages/portal/PortalAftercarePage.js';
import { PortalDataPage } from './pages/portal/PortalDataPage.js';
import { KioskPage } from './pages/kiosk/KioskPage.js';
import { KioskLockedPage } from './pages/kiosk/KioskLockedPage.js';
import { BookingsPage } from './pages/BookingsPage.js';

const router = createBrowserRouter([
  {
    element: <UnsavedChangesRoot />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invite/:token', element: <AcceptInvitationPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password/:token', element: <ResetPasswordPage /> },
      { path: '/setup', element: <SetupPage /> },
      // What clients see: the studio's page, the emailed links, their portal (no staff session).
      { path: '/s/:slug', element: <PublicStudioPage /> },
      { path: '/s/:slug/portal', element: <PortalSignInPage /> },
      { path: '/p/:token', element: <PortalLinkPage /> },
      { path: '/portal', element: <PortalHomePage /> },
      { path: '/portal/intake/:appointmentId', element: <PortalIntakePage /> },
      { path: '/portal/plan', element: <PortalPlanPage /> },
      { path: '/portal/preview', element: <PortalPreviewPage /> },
      { path: '/portal/aftercare', element: <PortalAftercarePage /> },
      { path: '/portal/data', element: <PortalDataPage /> },
      // The studio tablet in kiosk mode: one document, no staff session.
      { path: '/kiosk/locked', element: <KioskLockedPage /> },
      { path: '/kiosk/:token', element: <KioskPage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <Navigate to="/clients" replace /> },
          { path: 'clients', element: <ClientListPage /> },
          { path: 'clients/:id', element: <ClientPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'bookings', element: <BookingsPage /> },
          { path: 'account', element: <AccountPage /> },
          {
            path: 'consultations',
            element: (
              <RequireClinical>
                <ConsultationsPage />
              </RequireClinical>
            ),
          },
          {
            path: 'consultations/:id',
            element: (
              <RequireClinical>
                <ConsultationPage />
              </RequireClinical>
            ),
          },
          {
            path: 'preview',
            element: (
              <RequireClinical>
                <PreviewsPage />
              </RequireClinical>
            ),
          },
          {
            path: 'clients/:clientId/photos/:photoId/preview',
            element: (
              <RequireClinical>
                <ZoneEditorPage />
              </RequireClinical>
            ),
          },
          {
            path: 'appointments/:id/session',
            element: (
              <RequireClinical>
                <SessionRecordPage />
              </RequireClinical>
            ),
          },
          {
            path: 'inventory',
            element: (
              <RequireClinical>
                <InventoryPage />
              </RequireClinical>
            ),
          },
          { path: 'consent', element: <ConsentAftercarePage /> },
          {
            path: 'staff',
            element: (
              <RequireOwner>
                <StaffPage />
              </RequireOwner>
            ),
          },
          {
            path: 'studio',
            element: (
              <RequireOwner>
                <StudioSettingsPage />
              </RequireOwner>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequireOwner>
                <AuditLogPage />
              </RequireOwner>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/** Mantine's date pickers follow the UI language (dayjs locale names are lower case). */
function LocalizedMantine({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  const datesLocale = i18n.language === 'zh-CN' ? 'zh-cn' : 'en';
  // The same breakpoint as AppLayout's navigation (md).
  const navBeside = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  // Mantine names the password field's eye button in English ("Toggle password visibility").
  const localized = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          PasswordInput: {
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.showPassword') } },
          },
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={localized} defaultColorScheme="light">
      <DatesProvider settings={{ locale: datesLocale, firstDayOfWeek: datesLocale === 'zh-cn' ? 1 : 0 }}>
        {/* Where a notice covers no control of the page, least of all the Save and Complete
            buttons at its foot: with the navigation beside the page (iPad in landscape and wider),
            over the navigation's foot, as wide as it; where the navigation folds behind the burger
            (phones, iPad in portrait), over the 64 px header and no lower, for two lines. */}
        {navBeside ? (
          <Notifications position="bottom-left" containerWidth={256} />
        ) : (
          <Notifications
            position="top-center"
            // Not `top` on the root: Mantine gives every position's container the root's styles,
            // and the empty bottom ones would then span the window and take its taps.
            styles={{
              root: { '--mantine-spacing-md': '4px' },
              notification: { paddingBlock: 6 },
            }}
          />
        )}
        {children}
      </DatesProvider>
    </MantineProvider>
  );
}

export function App({ api, queryClient, i18n }: { api: StippleApi; queryClient: QueryClient; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={api}>
          <LocalizedMantine>
            <RouterProvider router={router} />
          </LocalizedMantine>
        </ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
