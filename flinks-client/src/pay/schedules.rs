//! EFT schedules: cancel (`POST /api/v1/schedules/{scheduleId}/cancel`).
//! The response is not documented.

use banking_core::Result;
use banking_core::transport::Request;

use super::client::PayClient;
use super::transactions::ScheduleId;

banking_core::resource_handle! {
    /// EFT schedules.
    pub struct SchedulesApi for PayClient, "Flinks";
}

impl SchedulesApi<'_> {
    /// `POST /api/v1/schedules/{scheduleId}/cancel`: stops the schedule's
    /// future payments. Not retried.
    pub async fn cancel(&self, schedule_id: &ScheduleId) -> Result<()> {
        let request = self
            .handle
            .client()
            .v1(Request::post("api/v1/schedules/{scheduleId}/cancel")
                .param("scheduleId", schedule_id))?;
        self.handle.send(request).await.map(drop)
    }
}
